export class GetDriftQuery {
  constructor(readonly serverId: string) {}
}
