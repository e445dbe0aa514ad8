import { useMutation, useQueryClient } from '@tanstack/react-query';
import { csvChunks, fileRejections } from '../../common/csv-chunks';
import { importResponse, type ImportResponse } from '../../common/protocol/catalog';
import { apiJson } from './client';
import { productsKey, stockKey } from './keys';

/**
 * Records per request, as the CLI sends them: a 100k-line price list goes as 50 requests, each far under the
 * server's body limit and its own short transactions, and the bar moves after each.
 */
export const IMPORT_CHUNK_RECORDS = 2000;

/** The file read as text piece by piece, so a big price list is never one string in memory. */
async function* fileText(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Sends the file in chunks; `onProgress` gets the share of the file's bytes sent so far (0–1). */
export async function importCsvFile(file: Blob, onProgress: (done: number) => void): Promise<ImportResponse> {
  const total: ImportResponse = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
  let sent = 0;
  onProgress(0);
  for await (const chunk of csvChunks(fileText(file), IMPORT_CHUNK_RECORDS)) {
    const answer = await apiJson('/products/import', importResponse, {
      method: 'POST',
      text: { contentType: 'text/csv; charset=utf-8', data: chunk.text },
    });
    total.imported += answer.imported;
    total.updated += answer.updated;
    total.unchanged += answer.unchanged;
    total.rejected.push(...fileRejections(chunk, answer.rejected));
    sent += chunk.bytes;
    onProgress(file.size > 0 ? Math.min(1, sent / file.size) : 1);
  }
  onProgress(1);
  total.rejected.sort((a, b) => a.line - b.line);
  return total;
}

export function useImportCsv(onProgress: (done: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: Blob) => importCsvFile(file, onProgress),
    // Chunks before a failed one are saved, so the lists change even when the import stops half-way.
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: productsKey }),
        client.invalidateQueries({ queryKey: stockKey }),
      ]),
  });
}
