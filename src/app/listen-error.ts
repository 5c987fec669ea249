/**
 * What a person starting Advocate should read when the HTTP server cannot listen: the port in use (or not allowed)
 * and what to do about it, in one line. Null for any other error, which the caller reports as it is.
 */
export function describeListenError(error: unknown, port: number): string | null {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  // EACCES on a file (the database's lock, its folder) is not about the port: only listen's own errors are.
  if (syscall !== undefined && syscall !== 'listen') return null;
  const other = port === 3000 ? 3001 : port + 1;
  if (code === 'EADDRINUSE')
    return `port ${port} is in use: stop the other process (\`lsof -i :${port}\` shows it) or set PORT=${other}`;
  if (code === 'EACCES')
    return `port ${port} needs privileges this process does not have: set PORT to 1024 or above (e.g. PORT=3000)`;
  return null;
}
