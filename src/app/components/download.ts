/** Hands a file to the browser as a download named `name`. */
export function downloadBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the URL only needs to outlive it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
