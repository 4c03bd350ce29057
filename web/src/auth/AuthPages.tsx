// The sign-in pages load together as one chunk: someone who opens one of
// them is likely to need another (buyer -> staff link, invite -> sign-in).
export { AcceptInvite } from './AcceptInvite';
export { BuyerSignIn } from './BuyerSignIn';
export { StaffSignIn } from './StaffSignIn';
