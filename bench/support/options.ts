/** What every benchmark section receives. */
export interface BenchOptions {
  /** A smaller run (`--quick`) for a quick look; full runs are what results.md quotes. */
  quick: boolean;
  log: (message: string) => void;
}

export interface BenchSection {
  title: string;
  /** Markdown body of the section: tables and the notes needed to read them. */
  run(options: BenchOptions): Promise<string>;
}
