import { formatPhone, useT, whatsappLink } from '../i18n';
import type { MessageKey } from '../messages';
import type { Order } from './api';

type Delivery = NonNullable<Order['delivery']>;

/** Jobs still on their way to the buyer: their page re-reads the order every 10 s (OrderPage). */
export const DELIVERY_RUNNING = ['waiting', 'offered', 'accepted', 'shopping', 'picked_up', 'delivering', 'failed'];

/** The job's status as the buyer says it; an unknown status (a newer server) as "on the way". */
function statusKey(delivery: Delivery): MessageKey {
  switch (delivery.status) {
    case 'waiting':
    case 'offered':
      return 'delivery.status.searching';
    case 'accepted':
      return delivery.kind === 'market_trip' ? 'delivery.status.toMarket' : 'delivery.status.toSellers';
    case 'shopping':
      return 'delivery.status.shopping';
    case 'picked_up':
      return 'delivery.status.pickedUp';
    case 'delivered':
      return 'delivery.status.delivered';
    case 'failed':
      return 'delivery.status.failed';
    case 'returned':
      return 'delivery.status.returned';
    case 'cancelled':
      return 'delivery.status.cancelled';
    default:
      return 'delivery.status.delivering';
  }
}

/** Who is bringing the goods, where they are, and the code the buyer gives them at the door. */
export function DeliveryStatus({ order }: { order: Order }) {
  const t = useT();
  const delivery = order.delivery;
  if (!delivery) return null;
  const running = DELIVERY_RUNNING.includes(delivery.status);
  const stopped = delivery.status === 'cancelled' || delivery.status === 'returned';

  return (
    <section className="card delivery-card" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading" className="card-title">
        {t('delivery.title')}
      </h2>
      <p className="delivery-status">
        <span className={stopped ? 'badge badge-danger' : running ? 'badge badge-warn' : 'badge'}>{t(statusKey(delivery))}</span>
      </p>
      {delivery.status === 'failed' && <p>{t('delivery.failedHelp')}</p>}
      {delivery.courier && (
        <dl className="facts">
          <dt>{t('delivery.courier')}</dt>
          <dd>{delivery.courier.name}</dd>
          <dt>{t('delivery.plate')}</dt>
          <dd className="code">{delivery.courier.vehiclePlate}</dd>
          <dt>{t('delivery.phone')}</dt>
          <dd className="phone-links">
            <a href={`tel:${delivery.courier.phone}`} className="phone">
              {formatPhone(delivery.courier.phone)}
            </a>
            <a href={whatsappLink(delivery.courier.phone)} target="_blank" rel="noopener noreferrer">
              WhatsApp
            </a>
          </dd>
        </dl>
      )}
      {running && delivery.proofCode && (
        <div className="handover-code">
          <p>{t('delivery.code')}</p>
          <p className="handover-digits">{delivery.proofCode}</p>
          <p>
            <strong>{t('delivery.codeHelp')}</strong>
          </p>
        </div>
      )}
      {delivery.proofUrl && (
        <a href={delivery.proofUrl} target="_blank" rel="noopener noreferrer">
          <img className="proof-photo" src={delivery.proofUrl} alt={t('delivery.proofPhoto')} />
        </a>
      )}
      {running && <p className="hint">{t('delivery.autoRefresh')}</p>}
    </section>
  );
}
