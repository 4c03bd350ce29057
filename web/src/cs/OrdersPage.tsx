import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, type OrderSummary } from '../api';
import { formatPhone, formatRupiah, useT } from '../i18n';
import { orderBadge, orderStatusLabel, paymentMethodLabel, paymentStatusLabel } from '../staff/labels';
import { SearchForm, Tabs, useDateTime } from '../staff/parts';
import { staffKey } from '../staff/steps';
import { ErrorState, Loading } from '../ui';

function OrderRow({ order }: { order: OrderSummary }) {
  const t = useT();
  const when = useDateTime();
  return (
    <tr>
      <td>
        <Link to={`/cs/pesanan/${encodeURIComponent(order.id)}`} className="nowrap">
          {order.number}
        </Link>
        <br />
        <span className="muted">{when(order.createdAt)}</span>
        <br />
        {order.itemCount > 1 ? t('cs.firstItemAndMore', { item: order.firstItem, more: order.itemCount - 1 }) : order.firstItem}
      </td>
      <td>
        {order.buyerName}
        {order.buyerName && <br />}
        <span className="phone">{formatPhone(order.buyerPhone)}</span>
      </td>
      <td>
        <span className="money">{formatRupiah(order.total)}</span>
        <br />
        <span className={orderBadge(order.status)}>{orderStatusLabel(t, order.status)}</span>
        {order.paymentMethod && (
          <>
            <br />
            <span className="muted">
              {paymentMethodLabel(t, order.paymentMethod)}
              {order.paymentStatus && ` · ${paymentStatusLabel(t, order.paymentStatus)}`}
            </span>
          </>
        )}
      </td>
    </tr>
  );
}

/** /cs/pesanan: orders newest first, open or done, or found by (part of) their number in any status. */
export function OrdersPage() {
  const t = useT();
  const [params] = useSearchParams();
  const tab = params.get('tab') === 'done' ? 'done' : 'open';
  const number = params.get('nomor') ?? '';
  const orders = useQuery({
    queryKey: [...staffKey, 'orders', tab, number],
    // A number is looked up in every status: whoever calls about it does not know where it is.
    queryFn: () => api.get<{ orders: OrderSummary[] }>(`/api/cs/orders?${new URLSearchParams(number ? { number } : { tab })}`),
  });

  return (
    <section>
      <h1>{t('cs.ordersTitle')}</h1>
      <SearchForm
        param="nomor"
        label={t('cs.findNumber')}
        hint={t('cs.findNumberHint')}
        invalid={t('cs.numberFormat')}
        inputMode="text"
        parse={(text) => (/^[A-Za-z0-9-]{1,20}$/.test(text) ? text.toUpperCase() : null)}
      />
      {!number && (
        <Tabs
          label={t('cs.ordersTitle')}
          param="tab"
          current={tab}
          tabs={[
            { value: 'open', label: t('cs.tab.open') },
            { value: 'done', label: t('cs.tab.done') },
          ]}
        />
      )}
      {orders.isPending ? (
        <Loading />
      ) : orders.error ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.orders.length === 0 ? (
        <p className="muted">{t(number ? 'cs.noNumberMatch' : 'cs.noOrders')}</p>
      ) : (
        <div className="desk-table-wrap">
          <table className="desk-table">
            <thead>
              <tr>
                <th scope="col">{t('cs.col.order')}</th>
                <th scope="col">{t('cs.col.buyer')}</th>
                <th scope="col">{t('cs.col.total')}</th>
              </tr>
            </thead>
            <tbody>
              {orders.data.orders.map((order) => (
                <OrderRow key={order.id} order={order} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
