-- A TrainingJob is Progressing until it finishes: Healthy when it Succeeded (a version the gates rejected is still a
-- finished run; the ModelVersion says Rejected), Degraded when it Failed or the operator cannot reconcile it.
local function condition(kind)
  if obj.status == nil or obj.status.conditions == nil then return nil end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then return c end
  end
  return nil
end

local hs = {status = "Progressing", message = "waiting for the operator to start training"}
if obj.status == nil then return hs end
local ready = condition("Ready")
if ready ~= nil and ready.message ~= nil then hs.message = ready.message end
if obj.status.phase == "Succeeded" then
  hs.status = "Healthy"
elseif obj.status.phase == "Failed" or (ready ~= nil and ready.reason == "ReconcileError") then
  hs.status = "Degraded"
elseif obj.status.phase ~= nil then
  hs.message = obj.status.phase .. ": " .. hs.message
end
return hs
