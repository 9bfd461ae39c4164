-- A BatchPrediction is Healthy when its latest run succeeded (or, scheduled, before its first run), Progressing while
-- a run runs or a run waits for its model or input, Degraded when the latest run failed, the schedule cannot be read,
-- the model's artifact cannot be read by the shards, or the operator cannot reconcile it.
local function condition(kind)
  if obj.status == nil or obj.status.conditions == nil then return nil end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then return c end
  end
  return nil
end

local hs = {status = "Progressing", message = "waiting for the operator to start the first run"}
if obj.status == nil then return hs end
local ready = condition("Ready")
if ready ~= nil and ready.message ~= nil then hs.message = ready.message end
if ready ~= nil and (ready.reason == "ReconcileError" or ready.reason == "InvalidSchedule" or ready.reason == "UnsupportedArtifact") then
  hs.status = "Degraded"
elseif obj.status.phase == "Failed" then
  hs.status = "Degraded"
elseif obj.status.phase == "Succeeded" or obj.status.phase == "Scheduled" then
  hs.status = "Healthy"
elseif obj.status.phase == "Running" and obj.status.lastRun ~= nil then
  hs.message = "Running: run " .. obj.status.lastRun.name .. " scores with " .. (obj.status.lastRun.modelVersion or "?")
elseif obj.status.phase ~= nil then
  hs.message = obj.status.phase .. ": " .. hs.message
end
return hs
