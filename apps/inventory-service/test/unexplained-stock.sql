-- The SKUs (all, or those in $1) whose stock the ledger does not explain: on hand or reserved other than
-- the sums of their movements, reserved other than what live reservations still hold, reserved below
-- zero, or oversold. The stock-ledger spec asserts none after every scenario; the bench after every run.
SELECT s.sku, s.on_hand, s.reserved, coalesce(m.on_hand, 0) AS ledger_on_hand, coalesce(m.reserved, 0) AS ledger_reserved,
       coalesce(r.held, 0) AS held
FROM stock_item s
LEFT JOIN (SELECT sku, sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movement
           WHERE $1::text[] IS NULL OR sku = ANY($1) GROUP BY sku) m USING (sku)
LEFT JOIN (SELECT l.sku, sum(l.qty - l.shipped_qty)::int AS held FROM reservation_line l
           JOIN order_reservation o USING (order_id) WHERE o.status = 'reserved' AND ($1::text[] IS NULL OR l.sku = ANY($1)) GROUP BY l.sku) r USING (sku)
WHERE ($1::text[] IS NULL OR s.sku = ANY($1))
  AND (s.on_hand <> coalesce(m.on_hand, 0) OR s.reserved <> coalesce(m.reserved, 0) OR s.reserved <> coalesce(r.held, 0)
       OR s.reserved < 0 OR (NOT s.allow_backorder AND s.on_hand < s.reserved))
