-- Priorities: how many local safety plans name each theme (seed 003), against the published counts,
-- with the partners' plans beside. Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest;
-- the cube `priorities` with its defaults (plans=lokaal, threshold=7) must give the same rows.
WITH chosen AS (SELECT plan_code, owner_name FROM dim_plan WHERE plan_type = 'lokaal'),
mk AS (SELECT f.theme_code, count(DISTINCT f.plan_code) AS plan_count, string_agg(c.owner_name, ', ' ORDER BY c.owner_name) AS areas
  FROM fct_plan_priority f JOIN chosen c ON c.plan_code = f.plan_code GROUP BY f.theme_code),
pc AS (SELECT theme_code, max(value) AS value FROM fct_published_figure WHERE figure_kind = 'plan_count' GROUP BY theme_code),
pa AS (SELECT f.theme_code, count(DISTINCT f.plan_code) AS partner_count, string_agg(p.owner_name, ', ' ORDER BY p.owner_name) AS partners
  FROM fct_plan_priority f JOIN dim_plan p ON p.plan_code = f.plan_code
  WHERE p.plan_type = 'partner' AND f.plan_code NOT IN (SELECT plan_code FROM chosen) GROUP BY f.theme_code)
SELECT t.theme_code, t.theme_name, t.field_number, coalesce(mk.plan_count, 0) AS plan_count, (SELECT count(*) FROM chosen) AS plans_in_set,
  round(coalesce(mk.plan_count, 0) * 100.0 / (SELECT count(*) FROM chosen), 1) AS share_pct, coalesce(mk.plan_count, 0) >= 7 AS passes_threshold,
  mk.areas, round(pc.value) AS published_count, CASE WHEN pc.value IS NOT NULL THEN pc.value >= 7 END AS published_passes_threshold,
  pc.value IS NOT NULL AND pc.value <> coalesce(mk.plan_count, 0) AS count_differs, pa.partners, coalesce(pa.partner_count, 0) AS partner_count
FROM dim_theme t
LEFT JOIN mk ON mk.theme_code = t.theme_code
LEFT JOIN pc ON pc.theme_code = t.theme_code
LEFT JOIN pa ON pa.theme_code = t.theme_code
WHERE mk.plan_count IS NOT NULL OR pc.value IS NOT NULL
ORDER BY coalesce(mk.plan_count, 0) DESC, t.field_number, t.theme_code;
