/**
 * The in-browser Excel handed to the add-in's pages, with one addition Excel's own window has for free: the host
 * hears when a batch (Excel.run) has finished, so fills, notes and selections the add-in set show up at once.
 */
export interface ObservedExcel<T> {
  Excel: T;
  afterRun(listener: () => void): () => void;
}

export function observeExcelRuns<T extends { run: (...args: never[]) => Promise<unknown> }>(
  excel: T,
): ObservedExcel<T> {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const run = (...args: Parameters<T["run"]>) => {
    const result = excel.run(...args);
    result.then(notify, notify);
    return result;
  };
  return {
    Excel: { ...excel, run } as T,
    afterRun: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
