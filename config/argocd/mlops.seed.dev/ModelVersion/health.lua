-- A ModelVersion is Healthy while it is usable or was used (Validated, Production, Retired), Progressing while it
-- waits for the gates (Candidate) or is being canaried, Degraded when the gates or a canary Rejected it.
local hs = {status = "Progressing", message = "waiting for the operator to judge the version"}
if obj.status == nil or obj.status.stage == nil then return hs end
local stage = obj.status.stage
hs.message = stage .. (obj.status.reason ~= nil and (": " .. obj.status.reason) or "")
if stage == "Validated" or stage == "Production" or stage == "Retired" then
  hs.status = "Healthy"
elseif stage == "Rejected" then
  hs.status = "Degraded"
end
return hs
