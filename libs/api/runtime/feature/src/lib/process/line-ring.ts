/** The last `capacity` lines, oldest first. */
export class LineRing {
  private readonly lines: string[] = [];

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) {
      this.lines.shift();
    }
  }

  last(count: number): string[] {
    return this.lines.slice(-count);
  }
}
