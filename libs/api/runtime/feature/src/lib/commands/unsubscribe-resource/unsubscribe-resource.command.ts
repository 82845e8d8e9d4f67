import { Command } from '@nestjs/cqrs';

export class UnsubscribeResourceCommand extends Command<void> {
  constructor(
    readonly serverId: string,
    readonly uri: string,
  ) {
    super();
  }
}
