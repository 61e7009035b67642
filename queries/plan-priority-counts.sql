-- title: Themes prioritised by plans, with the regional threshold
-- description: Per theme how many plans of a type mark it (speerpunt or any mark), the share of all plans of that type, which owners, and whether it reaches the threshold for a regional approach (seed: 7 or more of the 14 local plans).
-- param: plan_type VARCHAR = lokaal | dim_plan.plan_type (lokaal, partner, regionaal)
-- param: threshold INTEGER = 7 | Plans needed to qualify
WITH plans AS (
    SELECT plan_code, owner_name FROM dim_plan WHERE plan_type = $plan_type
), marks AS (
    SELECT DISTINCT pp.theme_code, pp.plan_code, pl.owner_name
    FROM fct_plan_priority pp JOIN plans pl ON pl.plan_code = pp.plan_code
)
SELECT m.theme_code, t.theme_name, t.field_name,
       count(*) AS plans,
       (SELECT count(*) FROM plans) AS plans_total,
       round(count(*) * 100.0 / nullif((SELECT count(*) FROM plans), 0), 1) AS share_pct,
       count(*) >= $threshold AS qualifies,
       string_agg(m.owner_name, ', ' ORDER BY m.owner_name) AS owners
FROM marks m
LEFT JOIN dim_theme t ON t.theme_code = m.theme_code
GROUP BY m.theme_code, t.theme_name, t.field_name
ORDER BY plans DESC, m.theme_code
