/** Runs `run` every interval, never two at once; `stop` waits for the run in progress. For the job runners. */
export function ticker(run: () => Promise<unknown>, onError: (error: unknown) => void) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    start(intervalMs: number) {
      timer ??= setInterval(() => {
        if (running) return;
        running = run()
          .catch(onError)
          .finally(() => {
            running = null;
          });
      }, intervalMs);
      // A timer alone must not keep the process alive.
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
