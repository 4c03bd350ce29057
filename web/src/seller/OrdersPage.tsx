import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type SellerFulfilment } from '../api';
import { formatRupiah, useT } from '../i18n';
import { fulfilmentStatusLabel, methodLabel, orderBadge, orderStatusLabel } from '../staff/labels';
import { LineList, PhoneLinks, Tabs, useDateTime } from '../staff/parts';
import { type Flash, FlashNotice, FulfilmentActions, staffKey } from '../staff/steps';
import { ErrorState, Loading } from '../ui';

const tabs = ['new', 'active', 'done'] as const;
type Tab = (typeof tabs)[number];
const ENDED = ['cancelled', 'expired', 'rejected'];

/** My parts of orders in a tab. New orders arrive while the phone lies on the stall, so it asks again every 30 s. */
export function useSellerOrders(tab: Tab) {
  return useQuery({
    queryKey: [...staffKey, 'seller-orders', tab],
    queryFn: () => api.get<{ fulfilments: SellerFulfilment[] }>(`/api/seller/orders?tab=${tab}`),
    refetchInterval: 30_000,
  });
}

function PartCard({ part, onFlash }: { part: SellerFulfilment; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const when = useDateTime();
  return (
    <li className="card">
      <div className="card-head">
        <h2 className="card-title">{part.orderNumber}</h2>
        <span className={orderBadge(part.status)}>{fulfilmentStatusLabel(t, part.status)}</span>
      </div>
      <p className="muted">
        {when(part.createdAt)} · {methodLabel(t, part.method)}
      </p>
      <p>
        {part.buyerName && <strong>{part.buyerName} </strong>}
        <PhoneLinks phone={part.buyerPhone} />
      </p>
      {part.address && (
        <p>
          {t('sellerOrders.shipTo')}: {part.address}
        </p>
      )}
      {part.notes && (
        <p>
          {t('sellerOrders.notes')}: {part.notes}
        </p>
      )}
      <LineList lines={part.lines} />
      <p className="order-total">
        {t('sellerOrders.total')} <strong className="money">{formatRupiah(part.goodsTotal)}</strong>
      </p>
      {part.status === 'rejected' && part.reason && (
        <p className="muted">
          {t('sellerOrders.rejectedBecause')}: {part.reason}
        </p>
      )}
      {ENDED.includes(part.orderStatus) && part.status !== 'rejected' && (
        <p className="text-danger">{t('sellerOrders.orderEnded', { status: orderStatusLabel(t, part.orderStatus) })}</p>
      )}
      <FulfilmentActions part={part} orderStatus={part.orderStatus} orderNumber={part.orderNumber} onFlash={onFlash} />
    </li>
  );
}

/** /penjual/pesanan: incoming orders to accept or reject, then to get ready and hand over. */
export function OrdersPage() {
  const t = useT();
  const [params] = useSearchParams();
  const tab: Tab = tabs.find((name) => name === params.get('tab')) ?? 'new';
  const [flash, setFlash] = useState<Flash>(null);
  const newOnes = useSellerOrders('new');
  const list = useSellerOrders(tab);
  const newCount = newOnes.data?.fulfilments.length ?? 0;

  return (
    <section>
      <h1>{t('sellerOrders.title')}</h1>
      <Tabs
        label={t('sellerOrders.title')}
        param="tab"
        current={tab}
        tabs={tabs.map((name) => ({ value: name, label: t(`sellerOrders.tab.${name}`), count: name === 'new' ? newCount : 0 }))}
      />
      <FlashNotice flash={flash} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.fulfilments.length === 0 ? (
        <p className="muted">{t(`sellerOrders.empty.${tab}`)}</p>
      ) : (
        <ul className="cards">
          {list.data.fulfilments.map((part) => (
            <PartCard key={part.id} part={part} onFlash={setFlash} />
          ))}
        </ul>
      )}
      {tab !== 'done' && <p className="hint">{t('sellerOrders.autoRefresh')}</p>}
    </section>
  );
}
