import { useCallback, useEffect, useRef, useState } from "react";
import { toErrorInfo } from "../../app/error-text";
import { usePaneServices } from "../services/pane-services";
import type { WorksheetList } from "../state/sheet-picker";

/** The workbook's worksheets, read on mount and again on `refresh` (the user may have added a sheet since). */
export function useWorksheetList(): { worksheets: WorksheetList; refresh(): void } {
  const { workbook } = usePaneServices();
  const [worksheets, setWorksheets] = useState<WorksheetList>({ status: "loading" });
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    workbook.listWorksheets().then(
      (names) => mounted.current && setWorksheets({ status: "loaded", names }),
      (error) => mounted.current && setWorksheets({ status: "failed", message: toErrorInfo(error).message }),
    );
  }, [workbook]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  return { worksheets, refresh };
}
