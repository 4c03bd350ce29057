import { randomBytes } from 'node:crypto';
import type { App } from '../../../http/app.ts';
import type { DeliveryPartner, DeliveryPartners } from './partner.ts';
import { SIGNATURE_HEADER } from './signature.ts';
import { simulatedPartner } from './simulated.ts';

/**
 * The partners this installation runs, by name. Demo mode runs the simulated partner; a real
 * adapter is added here with its secret from the environment. A program naming a partner that
 * is not running gets its jobs back to its own couriers (requests.ts).
 */
export function configuredPartners(app: App): DeliveryPartners {
  const partners = new Map<string, DeliveryPartner>();
  const { config } = app;
  if (config.demo) {
    const simulated = simulatedPartner({
      // A fresh secret per start unless one is set: nobody else can sign its callbacks.
      secret: config.deliveryPartnerSecret ?? randomBytes(32).toString('hex'),
      stepMs: config.simulatedPartnerStepSeconds * 1000,
      db: app.database.db,
      log: app.log,
      // Through the real route, as a partner's server would call it.
      send: async (tenant, body, signature) => {
        const response = await app.inject({
          method: 'POST',
          url: `/api/webhooks/delivery/simulated`,
          headers: { host: `${tenant.slug}.localhost`, 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
          payload: body,
        });
        return { statusCode: response.statusCode, body: response.body };
      },
    });
    partners.set(simulated.name, simulated);
  }
  return partners;
}
