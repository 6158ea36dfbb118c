import type { AppContext } from "../context.js";
import type { TSchedulerRun } from "../domain/decisions/decisions.schema.js";
import { type DeliveryResult, deliverNotifications } from "../domain/notifications/delivery.js";
import { createMailer, type Mailer } from "../domain/notifications/mailer.js";
import { DECISIONS_LEASE, runDueDecisions } from "./due-decisions.js";
import { PROCESS_HOLDER, releaseLease } from "./lease.js";

// The server's scheduler: on start and every ENTENTE_SCHEDULER_SECONDS, process decision
// deadlines and deliver e-mail. Errors are logged, never thrown: a failing pass must not take
// the server down, and the next pass retries.

export type SchedulerLog = {
  info(message: string): void;
  error(message: string, error: unknown): void;
};

export type SchedulerOptions = {
  log?: SchedulerLog;
  holder?: string;
  mailer?: Mailer;
  /** Overrides ctx.config.schedulerIntervalSeconds (tests). */
  intervalMs?: number;
};

export type SchedulerPass = { decisions: TSchedulerRun | null; delivery: DeliveryResult | null };

const consoleLog: SchedulerLog = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error),
};

/** One pass: deadlines, then e-mail. Each part's failure is logged and the other still runs. */
export async function runSchedulerPass(
  ctx: AppContext,
  mailer: Mailer,
  holder: string,
  log: SchedulerLog = consoleLog,
): Promise<SchedulerPass> {
  let decisions: TSchedulerRun | null = null;
  let delivery: DeliveryResult | null = null;
  try {
    decisions = await runDueDecisions(ctx.db, ctx.clock.now(), { holder, log });
    if (decisions.adopted.length > 0 || decisions.reminded.length > 0) {
      log.info(
        `Scheduler: adopted ${decisions.adopted.join(", ") || "none"}; reminders for ${decisions.reminded.join(", ") || "none"}`,
      );
    }
  } catch (error) {
    log.error("Scheduler: processing decision deadlines failed", error);
  }
  try {
    delivery = await deliverNotifications(ctx.db, mailer, ctx.clock.now(), { holder });
    if (delivery.failed > 0) log.info(`Scheduler: ${delivery.failed} e-mail(s) failed and will be retried`);
  } catch (error) {
    log.error("Scheduler: e-mail delivery failed", error);
  }
  return { decisions, delivery };
}

/**
 * Starts the loop: a pass now, then one every interval (never two at once). Returns stop(),
 * which cancels the timer, waits for a running pass and gives the lease up.
 */
export function startScheduler(ctx: AppContext, options: SchedulerOptions = {}): () => Promise<void> {
  const log = options.log ?? consoleLog;
  const holder = options.holder ?? PROCESS_HOLDER;
  const mailer = options.mailer ?? createMailer(ctx.config.mail);
  const intervalMs = options.intervalMs ?? ctx.config.schedulerIntervalSeconds * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const tick = () => {
    running = runSchedulerPass(ctx, mailer, holder, log)
      .catch((error: unknown) => log.error("Scheduler: pass failed", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();

  return async () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    await running;
    try {
      await releaseLease(ctx.db, DECISIONS_LEASE, holder);
    } catch (error) {
      log.error("Scheduler: could not release the lease", error);
    }
  };
}
