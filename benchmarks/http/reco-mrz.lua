-- POST /api/v1/reco/mrz with the ICAO specimen passport; SAVE=true stores each analysis.
local save = os.getenv("SAVE") or "false"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"paramDict":{"mrz":"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",' ..
           '"userInput":{"firstName":"Anna","lastName":"Eriksson"},"save":' .. save .. '}}'

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
