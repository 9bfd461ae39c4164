-- A DriftPolicy is Healthy while it measures (also while the drift it reports is within or over the threshold:
-- MlopsFeatureDrift alerts on that), Progressing while the retrain it triggered trains or replaces the version, or
-- before its target serves, Degraded when drift cannot be read, its target is missing, or its last retrain failed or
-- was rolled back while the drift remains.
local function condition(kind)
  if obj.status == nil or obj.status.conditions == nil then return nil end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then return c end
  end
  return nil
end

local hs = {status = "Progressing", message = "waiting for the operator's first drift check"}
if obj.status == nil then return hs end
local ready, degraded = condition("Ready"), condition("Degraded")
local phase = obj.status.phase
if ready ~= nil and ready.message ~= nil then hs.message = ready.message end
if (degraded ~= nil and degraded.status == "True") or phase == "Degraded" then
  hs.status = "Degraded"
  if degraded ~= nil and degraded.message ~= nil then hs.message = degraded.message end
elseif ready ~= nil and ready.reason == "ReconcileError" then
  hs.status = "Degraded"
elseif phase == "Retraining" or phase == "Replacing" then
  hs.message = phase .. ": " .. hs.message
elseif ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  if phase ~= nil then hs.message = phase .. ": " .. hs.message end
end
return hs
