import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '../../../db/database.ts';
import type { TenantRef } from '../../../http/context.ts';
import type { PartnerEvent } from './events.ts';
import type { DeliveryPartner, PartnerJobRequest } from './partner.ts';
import { signPartnerBody } from './signature.ts';

// A pretend delivery service for demos and tests, in-process. Once asked, it walks the job
// through accepted → picked_up → delivering → delivered, one step every `stepMs`, by sending
// itself signed callbacks through the real webhook route, so the signature check and the job
// rules run exactly as for a real partner.

/** Posts a signed callback to the tenant's webhook route; answers its status and body. */
export type SendCallback = (tenant: TenantRef, body: string, signature: string) => Promise<{ statusCode: number; body: string }>;

export interface SimulatedPartner extends DeliveryPartner {
  /** Resolves when every walk started so far has finished (tests). */
  settled(): Promise<void>;
}

const STEPS = ['accepted', 'picked_up', 'delivering', 'delivered'] as const;
const DRIVER = { name: 'Pak Simulasi', plate: 'R 4321 SM', phone: '+6281200000000' };

export function simulatedPartner(options: { secret: string; stepMs: number; db: Db; send: SendCallback; log: Logger }): SimulatedPartner {
  // One walk per booking: asking again for the same job answers the same booking (idempotent).
  const walks = new Map<string, Promise<void>>();
  const calledOff = new Set<string>();
  const stopping = new AbortController();

  /** In a demo the buyer reads the code out to the driver; the simulation reads it from the job. */
  async function proofCode(job: PartnerJobRequest): Promise<string> {
    const row = await options.db
      .selectFrom('delivery_jobs')
      .select('proof_code')
      .where('tenant_id', '=', job.tenant.id)
      .where('id', '=', job.jobId)
      .executeTakeFirstOrThrow();
    return row.proof_code;
  }

  async function eventFor(type: (typeof STEPS)[number], job: PartnerJobRequest, ref: string): Promise<PartnerEvent> {
    const common = { eventId: `${ref}-${type}`, jobId: job.jobId, ref };
    switch (type) {
      case 'accepted':
        return { ...common, type, driver: DRIVER };
      case 'picked_up':
        return { ...common, type };
      case 'delivering':
        return { ...common, type, driver: DRIVER };
      case 'delivered':
        return { ...common, type, proofCode: await proofCode(job) };
    }
  }

  async function walk(job: PartnerJobRequest, ref: string): Promise<void> {
    try {
      for (const type of STEPS) {
        await sleep(options.stepMs, undefined, { signal: stopping.signal });
        if (calledOff.has(ref)) return;
        const body = JSON.stringify(await eventFor(type, job, ref));
        const answer = await options.send(job.tenant, body, signPartnerBody(body, options.secret));
        if (answer.statusCode !== 200) {
          options.log.warn({ ref, type, status: answer.statusCode, answer: answer.body }, 'simulated partner: callback refused');
          return;
        }
      }
    } catch (error) {
      if (!stopping.signal.aborted) options.log.error({ err: error, ref }, 'simulated partner: walk failed');
    }
  }

  return {
    name: 'simulated',
    secret: options.secret,
    async requestDelivery(job) {
      const ref = `sim-${job.jobId}`;
      if (!walks.has(ref)) walks.set(ref, walk(job, ref));
      return { ref };
    },
    async cancel(ref) {
      calledOff.add(ref);
    },
    stop() {
      stopping.abort();
    },
    async settled() {
      await Promise.all(walks.values());
    },
  };
}
