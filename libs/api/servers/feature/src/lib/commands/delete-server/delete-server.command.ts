import { Command } from '@nestjs/cqrs';

export class DeleteServerCommand extends Command<void> {
  constructor(readonly serverId: string) {
    super();
  }
}
