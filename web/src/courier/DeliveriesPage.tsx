import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type OrderView } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { LineList, mapLink, PhoneLinks } from '../staff/parts';
import { ConfirmStep, cardError, type Flash, FlashNotice, staffKey, useStep } from '../staff/steps';
import { ErrorState, Loading } from '../ui';

const courierKey = [...staffKey, 'courier'] as const;

function DeliveryCard({ order, onFlash }: { order: OrderView; onFlash: (flash: Flash) => void }) {
  const t = useT();
  // Cash on delivery not yet taken: the courier collects it at the door.
  const collect = order.payment?.method === 'cod' && order.payment.status === 'pending' ? order.payment.amount : null;
  const amount = collect === null ? '' : formatRupiah(collect);
  const deliver = useStep(
    () => api.post(`/api/courier/orders/${encodeURIComponent(order.id)}/delivered`),
    () => t(collect === null ? 'courier.delivered' : 'courier.deliveredCash', { number: order.number, amount }),
    onFlash,
  );
  const stops = order.fulfilments.filter((part) => part.method === 'delivery' && part.status === 'ready');

  return (
    <li className="card">
      <div className="card-head">
        <h2 className="card-title">{order.number}</h2>
        <span className={collect === null ? 'badge' : 'badge badge-warn'}>{t(collect === null ? 'courier.prepaid' : 'courier.cod')}</span>
      </div>
      <p>
        {order.buyer.name && <strong>{order.buyer.name} </strong>}
        <PhoneLinks phone={order.buyer.phone} />
      </p>
      <p>{order.address}</p>
      {order.lat !== null && order.lng !== null && (
        <p>
          <a href={mapLink(order.lat, order.lng)} target="_blank" rel="noopener noreferrer">
            {t('courier.map')}
          </a>
        </p>
      )}
      {order.notes && (
        <p>
          {t('sellerOrders.notes')}: {order.notes}
        </p>
      )}
      <h3 className="pickup-title">{t('courier.pickUpAt')}</h3>
      {stops.map((part) => (
        <div key={part.id} className="pickup">
          <p>
            <strong>{part.sellerName}</strong> {part.sellerPhone && <PhoneLinks phone={part.sellerPhone} />}
          </p>
          <LineList lines={order.lines.filter((line) => line.sellerId === part.sellerId)} />
        </div>
      ))}
      {collect !== null && (
        <div className="collect">
          <p>{t('courier.collect')}</p>
          <p className="amount-big money">{amount}</p>
        </div>
      )}
      <div className="row actions">
        <ConfirmStep
          label={t('courier.handOver')}
          question={t(collect === null ? 'courier.handOverQuestion' : 'courier.handOverCashQuestion', { number: order.number, amount })}
          confirmLabel={t('courier.handOver')}
          pending={deliver.isPending}
          error={deliver.error}
          onConfirm={() => deliver.mutate()}
        />
      </div>
      <FormAlert error={cardError(deliver.error)} fields={[]} />
    </li>
  );
}

/** /kurir: orders ready to deliver, with where to pick them up and what to collect, and the cash I carry. */
export function DeliveriesPage() {
  const t = useT();
  const [flash, setFlash] = useState<Flash>(null);
  const deliveries = useQuery({
    queryKey: [...courierKey, 'deliveries'],
    queryFn: () => api.get<{ orders: OrderView[] }>('/api/courier/deliveries'),
    refetchInterval: 30_000,
  });
  const cash = useQuery({ queryKey: [...courierKey, 'cash'], queryFn: () => api.get<{ balance: number }>('/api/courier/cash') });

  return (
    <section>
      <h1>{t('courier.deliveriesTitle')}</h1>
      {cash.error ? (
        <ErrorState error={cash.error} onRetry={() => void cash.refetch()} />
      ) : (
        <div className="card cash-card" aria-live="polite">
          <p>{t('courier.cashBalance')}</p>
          <p className="amount-big money">{cash.data ? formatRupiah(cash.data.balance) : '…'}</p>
          <p className="hint">{t('courier.cashHint')}</p>
        </div>
      )}
      <FlashNotice flash={flash} />
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.error ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.orders.length === 0 ? (
        <p className="muted">{t('courier.none')}</p>
      ) : (
        <ul className="cards">
          {deliveries.data.orders.map((order) => (
            <DeliveryCard key={order.id} order={order} onFlash={setFlash} />
          ))}
        </ul>
      )}
      <p className="hint">{t('courier.autoRefresh')}</p>
    </section>
  );
}
