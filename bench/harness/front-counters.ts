/**
 * What a store front saw during one run, counted on the server side: the
 * browser cannot be asked how many connections it opened, and its Resource
 * Timing hides the protocol of cross-origin answers. These counts are what
 * proves a run really went over HTTP/2 and paid a preflight per PUT.
 */
export interface FrontStats {
  /** HTTP versions of the requests, as negotiated (ALPN): `['2.0']` over the HTTP/2 front. */
  httpVersions: string[];
  /** Connections (HTTP/2 sessions, HTTP/1.1 sockets) that carried a request of the run. */
  connections: number;
  /** Requests (HTTP/2 streams) in all, and the most on one connection. */
  requests: number;
  maxRequestsPerConnection: number;
  /** The most requests open at once at the front (preflights included). */
  peakConcurrent: number;
  /** CORS preflights (OPTIONS, answered by the front), PUTs, and every other request. */
  preflights: number;
  puts: number;
  others: number;
  /**
   * Requests whose answer never completed: closed by the browser first, or
   * failed upstream (Miniflare). When a run fails, these say on which side.
   */
  closedByBrowser: number;
  upstreamErrors: number;
}

/** Counts per run; `take()` returns the run's counts and starts the next run's. */
export class FrontCounters {
  private perConnection = new Map<object, number>();
  private versions = new Set<string>();
  private open = 0;
  private peak = 0;
  private preflights = 0;
  private puts = 0;
  private others = 0;
  private closedByBrowser = 0;
  private upstreamErrors = 0;

  /** A request's answer was cut short: by the browser, or by an upstream error. */
  cut(by: 'browser' | 'upstream'): void {
    if (by === 'browser') this.closedByBrowser += 1;
    else this.upstreamErrors += 1;
  }

  /** A request arrived on `connection` (the session or socket object); call the returned function when its answer is done. */
  request(connection: object, method: string, httpVersion: string): () => void {
    this.perConnection.set(connection, (this.perConnection.get(connection) ?? 0) + 1);
    this.versions.add(httpVersion);
    if (method === 'OPTIONS') this.preflights += 1;
    else if (method === 'PUT') this.puts += 1;
    else this.others += 1;
    this.open += 1;
    this.peak = Math.max(this.peak, this.open);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.open -= 1;
    };
  }

  take(): FrontStats {
    const counts = [...this.perConnection.values()];
    const stats: FrontStats = {
      httpVersions: [...this.versions].sort(),
      connections: counts.length,
      requests: counts.reduce((sum, n) => sum + n, 0),
      maxRequestsPerConnection: Math.max(0, ...counts),
      peakConcurrent: this.peak,
      preflights: this.preflights,
      puts: this.puts,
      others: this.others,
      closedByBrowser: this.closedByBrowser,
      upstreamErrors: this.upstreamErrors,
    };
    this.perConnection = new Map();
    this.versions = new Set();
    // Requests still open (none, between runs) carry over into the next run's peak.
    this.peak = this.open;
    this.preflights = 0;
    this.puts = 0;
    this.others = 0;
    this.closedByBrowser = 0;
    this.upstreamErrors = 0;
    return stats;
  }
}
