import { useState } from 'react';
import type { CustomTableRequest, CustomTableResult } from '@candor/shared';
import { customTablesApi } from '../api/custom-tables-api';

/** The last table built (or held back), and building the next one; a refused one clears the last. */
export function useCustomTable(id: string) {
  const [result, setResult] = useState<CustomTableResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const build = async (request: CustomTableRequest) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await customTablesApi.build(id, request));
    } catch (caught) {
      setResult(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return { result, error, busy, build };
}
