-- The retention clean-up of processed_event (io.caravan.common.consumer.ProcessedEventCleanupRoutes) finds old
-- markers by processed_at. Markers are written in time order, so a BRIN index covers them at a fraction of a
-- B-tree's size and upkeep.
CREATE INDEX processed_event_processed_at ON processed_event USING brin (processed_at);
