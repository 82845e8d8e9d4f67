import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

import type { DesiredState, ServerConfig, ServerState, ServerStatus, ServerTransport } from '@mcp-fleet/shared/contracts';

/** A registered MCP server (its live figures are in server_live_figures). The schema itself lives in `migrations/`. */
@Entity({ name: 'mcp_servers' })
export class McpServerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 50 })
  type!: string;

  @Column({ type: 'varchar', length: 20 })
  transport!: ServerTransport;

  @Column({ type: 'varchar', length: 20 })
  status!: ServerStatus;

  @Column({ type: 'varchar', length: 20 })
  state!: ServerState;

  @Column({ name: 'desired_state', type: 'varchar', length: 20 })
  desiredState!: DesiredState;

  @Column({ type: 'jsonb' })
  config!: ServerConfig;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'text', array: true })
  tags!: string[];

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const SERVER_NAME_UNIQUE_INDEX = 'uq_mcp_servers_name_lower';
