import { Query } from '@nestjs/cqrs';

/** The whole log of one run (the latest when `runId` is absent) as text lines. */
export interface RunLogFile {
  fileName: string;
  lines: AsyncIterable<string>;
}

export class DownloadRunLogQuery extends Query<RunLogFile> {
  constructor(
    readonly serverId: string,
    readonly runId: string | undefined,
  ) {
    super();
  }
}
