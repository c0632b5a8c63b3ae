-- A merchant's own FPS identifier (docs/merchants.md): a 7- or 9-digit FPS ID, a Hong Kong mobile
-- number "+852-XXXXXXXX" or an email address registered with FPS. NULL when the merchant has none:
-- its static store stickers then carry no FPS template 26 at all (never a placeholder).
ALTER TABLE merchants ADD COLUMN fps_id VARCHAR(100);

-- Orders: the status the merchant's cancel writes is spelled "canceled", as for payments (V6
-- reserved "cancelled", which was never written).
