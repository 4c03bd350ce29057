import autocannon from 'autocannon';
import { cpuSeconds, peakRssMb } from './proc.ts';

export interface LoadResult {
  requests: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Server CPU used during the run, in cores (1.0 = one core busy all the time). */
  serverCpuCores: number;
  serverPeakRssMb: number;
}

export interface LoadOptions {
  url: string;
  /** Several paths are cycled, so a scenario is not one cached row. */
  paths: string[];
  host?: string;
  /** More headers on every request, e.g. a staff session cookie. */
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  serverPid: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Drives HTTP load from this process at a server in another, on 127.0.0.1, for a bounded time. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const headers = { ...options.headers, ...(options.host ? { host: options.host } : {}) };
  const cpuBefore = cpuSeconds(options.serverPid);
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        requests: options.paths.map((path) => ({ method: 'GET' as const, path, headers })),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    throughput: Math.round(result.requests.total / elapsed),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    serverCpuCores: round((cpuSeconds(options.serverPid) - cpuBefore) / elapsed),
    serverPeakRssMb: peakRssMb(options.serverPid),
  };
}

export function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
