// What a DATABASE_URL is, without loading any database module: the CLI's registration (`dealbot --help`) and the
// configuration check read it, and a URL's password never reaches a log line or an error message.

/** postgres://… or postgresql://… (any case): the PostgreSQL backend. Anything else (or nothing) means SQLite. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * A database URL fit for a log line or an error: the password (and any query string, which may carry one) left out.
 * postgres://dealbot:secret@db:5432/deals -> postgres://dealbot@db:5432/deals.
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    // Not parseable as a URL: show only the scheme, since anything after it may hold the password.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    return scheme ? `${scheme}//…` : '(not a URL)';
  }
}
