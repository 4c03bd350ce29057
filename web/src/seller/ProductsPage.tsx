import { Link, Route, Routes, useSearchParams } from 'react-router';
import { SelectField } from '../forms';
import { useT } from '../i18n';
import { ErrorState, Loading, NotFound } from '../ui';
import { statusLabel } from './labels';
import { productsPath, type SellerProduct, useSellerProducts } from './products/api';
import { ImportExport } from './products/ImportExport';
import { ProductEditor } from './products/ProductEditor';
import { QuickEdit } from './products/QuickEdit';
import '../storefront/catalog.css';

function ProductItem({ product, sellerId }: { product: SellerProduct; sellerId: string | null }) {
  const t = useT();
  const active = product.variants.filter((v) => v.active);
  return (
    <li className="card">
      <div className="card-head">
        <div className="seller-product-head">
          {product.photos[0] && <img src={product.photos[0].thumbUrl} alt="" className="seller-product-thumb" />}
          <h2 className="card-title">{product.title}</h2>
        </div>
        <span className={product.listed ? 'badge' : 'badge badge-off'}>
          {product.listed ? t('catalog.listed') : t('catalog.notListed')}
        </span>
      </div>
      {active.map((variant) => (
        <QuickEdit key={variant.id} variant={variant} />
      ))}
      <Link to={productsPath(sellerId, `/${product.id}`)} className="small-link">
        {t('catalog.editProduct')}
      </Link>
    </li>
  );
}

/** /penjual/produk: my products with today's quick edit of price, stock and "sold out". */
function MyProducts() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const mine = useSellerProducts(params.get('penjual'));
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  const { sellerId, sellers, products } = mine.data;
  const seller = sellers.find((s) => s.id === sellerId);

  if (!sellerId) {
    return (
      <section className="narrow">
        <h1>{t('catalog.myProducts')}</h1>
        <div className="notice">
          <p>{t('catalog.noSeller')}</p>
          <Link to="/penjual/daftar" className="button">
            {t('sellers.applyTitle')}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('catalog.myProducts')}</h1>
      {sellers.length > 1 && (
        <SelectField label={t('catalog.shop')} value={sellerId} onChange={(event) => setParams({ penjual: event.target.value })}>
          {sellers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      )}
      {seller && seller.status !== 'approved' && (
        <p className="notice">{t('catalog.notApprovedYet', { status: statusLabel(t, seller.status) })}</p>
      )}
      <p>
        <Link to={productsPath(params.get('penjual'), '/baru')} className="button">
          {t('catalog.addProduct')}
        </Link>
      </p>
      <ImportExport sellerId={sellerId} />
      {products.length === 0 ? (
        <p className="muted">{t('catalog.noProductsYet')}</p>
      ) : (
        <ul className="cards">
          {products.map((product) => (
            <ProductItem key={product.id} product={product} sellerId={params.get('penjual')} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The seller console's products: the list with quick edits, and the product form. */
export default function ProductsPage() {
  return (
    <Routes>
      <Route index element={<MyProducts />} />
      <Route path="baru" element={<ProductEditor />} />
      <Route path=":productId" element={<ProductEditor />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
