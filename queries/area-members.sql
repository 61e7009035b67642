-- title: Members of an area in a given year
-- description: The child areas of a parent (e.g. the municipalities of district Twente, the districts of a unit) in one hierarchy, using the borders valid in the stated year; municipalities merge and teams are re-cut, so always state the year.
-- param: parent VARCHAR = null | Parent area code; null = every parent
-- param: hierarchy VARCHAR = politie | politie or bestuurlijk
-- param: year INTEGER = 2014 | Year of the borders
SELECT h.parent_code, pg.region_name AS parent_name, pg.region_level AS parent_level,
       h.region_code, g.region_name, g.region_level, h.valid_from, h.valid_to
FROM dim_region_parent h
JOIN dim_region g ON g.region_code = h.region_code
LEFT JOIN dim_region pg ON pg.region_code = h.parent_code
WHERE h.hierarchy = $hierarchy
  AND $year BETWEEN h.valid_from AND h.valid_to
  AND ($parent IS NULL OR h.parent_code = $parent)
ORDER BY pg.region_name, g.region_name
