import { useCallback, useRef, useState } from 'react';

/**
 * State whose latest value can be read at once. A barcode scanner types a code and Enter in one chunk of input,
 * so the Enter is handled before React re-renders with the digits; handlers read `current()` instead of the
 * value captured by the render.
 */
export function useSyncState<T>(initial: T): [T, (next: T | ((previous: T) => T)) => void, () => T] {
  const ref = useRef(initial);
  const [value, setValue] = useState(initial);
  const set = useCallback((next: T | ((previous: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (previous: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  const current = useCallback(() => ref.current, []);
  return [value, set, current];
}
