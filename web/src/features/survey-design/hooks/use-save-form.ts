import { useState, type FormEvent } from 'react';

/**
 * A form's submit: runs `action`, hands its result to `onSaved` and says "saved", or keeps
 * the error to show. Both start clear on every submit.
 */
export function useSaveForm<T>(action: () => Promise<T>, onSaved: (result: T) => void) {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const next = await action();
      onSaved(next);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };

  return { save, error, saved };
}
