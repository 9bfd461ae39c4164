-- A Dataset is Healthy while a snapshot is Ready (a refresh in flight keeps the last one usable), Progressing while
-- its first prepare runs, Degraded when the last prepare failed or the operator cannot reconcile it.
local function condition(kind)
  if obj.status == nil or obj.status.conditions == nil then return nil end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then return c end
  end
  return nil
end

local hs = {status = "Progressing", message = "waiting for the operator to prepare the first snapshot"}
if obj.status == nil then return hs end
if obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local ready = condition("Ready")
if ready == nil then return hs end
if ready.status == "True" then
  hs.status = "Healthy"
elseif obj.status.phase == "Failed" or ready.reason == "ReconcileError" then
  hs.status = "Degraded"
end
hs.message = ready.message or ""
return hs
