import { CreateMcpServers1764021600000 } from './1764021600000-CreateMcpServers';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [CreateMcpServers1764021600000];
