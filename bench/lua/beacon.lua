-- wrk script for the view beacon: a POST like navigator.sendBeacon's, each request from a new
-- reader (X-Forwarded-For counts up), so every beacon is counted and written, none a cheap repeat.
-- Each wrk run starts a million addresses further on (runs start in different seconds), so runs
-- never reuse a reader and the stored count can be checked against the answered beacons.
local n = (os.time() % 1000) * 1000000
local body = "r=https%3A%2F%2Fwww.google.com%2F"
request = function()
  n = n + 1
  local ip = (1 + math.floor(n / 16777216) % 223) .. "." .. (math.floor(n / 65536) % 256) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8",
    ["X-Forwarded-For"] = ip,
    ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
  }, body)
end
