// The buyer's order pages load together as one chunk: a cart leads to checkout, checkout to
// the order page, and the order page to the history. Leaflet stays out (PinMap loads on its own).
import './orders.css';

export { CartPage } from './CartPage';
export { CheckoutPage } from './CheckoutPage';
export { OrderPage } from './OrderPage';
export { OrdersPage } from './OrdersPage';
