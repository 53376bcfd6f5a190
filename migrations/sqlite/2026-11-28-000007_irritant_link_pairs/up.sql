-- One link per pair of irritants, whichever way it was made: two writers linking the same
-- pair at once could otherwise both pass the check. A pair linked both ways already keeps the
-- link made from the irritant with the smaller id; both histories record the link anyway.
DELETE FROM irritant_links
WHERE irritant_id > linked_id
  AND EXISTS (SELECT 1 FROM irritant_links AS other_way
              WHERE other_way.irritant_id = irritant_links.linked_id
                AND other_way.linked_id = irritant_links.irritant_id);
CREATE UNIQUE INDEX irritant_links_one_per_pair
    ON irritant_links (min(irritant_id, linked_id), max(irritant_id, linked_id));
