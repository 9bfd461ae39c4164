-- An InferenceService is Progressing while a canary replaces its version or its pods are not ready yet (or no version
-- was trained yet), Healthy while it serves with no rollback behind it, Degraded when its last canary was rolled back,
-- its pinned version does not exist, or the operator cannot reconcile it. Degraded wins over Progressing: a rollback
-- stays reported while the next canary runs.
local function condition(kind)
  if obj.status == nil or obj.status.conditions == nil then return nil end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then return c end
  end
  return nil
end

local hs = {status = "Progressing", message = "waiting for the operator to deploy a version"}
if obj.status == nil then return hs end
if obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local ready, progressing, degraded = condition("Ready"), condition("Progressing"), condition("Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = degraded.message or ""
elseif ready ~= nil and ready.status == "False" and (ready.reason == "PinnedVersionNotFound" or ready.reason == "ReconcileError") then
  hs.status = "Degraded"
  hs.message = ready.message or ""
elseif progressing ~= nil and progressing.status == "True" then
  hs.message = progressing.message or ""
elseif ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or ""
elseif ready ~= nil then
  hs.message = ready.message or ""
end
return hs
