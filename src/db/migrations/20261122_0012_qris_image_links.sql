-- WhatsApp fetches a QRIS payment's image from a public address, with no session: the address
-- carries a random token, made when the image is first sent, so it cannot be guessed from the
-- payment id.
ALTER TABLE payments ADD COLUMN qris_image_token text CHECK (length(qris_image_token) >= 32);
