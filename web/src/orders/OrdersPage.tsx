import { Link } from 'react-router';
import { formatDateTime, formatRupiah, useLang, useT } from '../i18n';
import { RequireSignIn } from '../seller/RequireSignIn';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { type OrderSummary, useOrders } from './api';
import { orderStatusLabel, statusBadge } from './labels';

function OrderCard({ order }: { order: OrderSummary }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const others = order.itemCount - 1;
  return (
    <li className="card">
      <div className="card-head">
        <h2 className="card-title">
          <Link to={`/pesanan/${order.id}`} className="order-card-link">
            {order.number}
          </Link>
        </h2>
        <span className={statusBadge(order.status)}>{orderStatusLabel(t, order.status, order.paymentMethod)}</span>
      </div>
      <p>
        {order.firstItem}
        {others > 0 && <span className="muted"> {t('orders.andMore', { count: others })}</span>}
      </p>
      <p className="order-card-foot">
        <strong className="money">{formatRupiah(order.total)}</strong>
        <time className="muted" dateTime={order.createdAt}>
          {formatDateTime(order.createdAt, lang, timeZone)}
        </time>
      </p>
    </li>
  );
}

function History() {
  const t = useT();
  const orders = useOrders();
  if (orders.isPending) return <Loading />;
  if (orders.error) return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
  return (
    <section className="page narrow">
      <h1>{t('orders.mine')}</h1>
      {orders.data.orders.length === 0 ? (
        <>
          <p className="muted">{t('orders.none')}</p>
          <Link to="/cari" className="button">
            {t('cart.shop')}
          </Link>
        </>
      ) : (
        // The server lists newest first.
        <ul className="cards">
          {orders.data.orders.map((order) => (
            <OrderCard key={order.id} order={order} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** /pesanan: my orders, newest first. */
export function OrdersPage() {
  return (
    <RequireSignIn>
      <History />
    </RequireSignIn>
  );
}
