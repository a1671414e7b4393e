-- wrk script for a long tail of pages: cycles through the paths listed in a file (one a line),
-- so each request asks for a page not asked for since the whole list was last walked (what a
-- crawler or old links from across the web do). Arguments after `--`: the file, and where in
-- it to start (so a second run does not begin with the pages the first one just cached).
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  i = tonumber(args[2] or "0") % #paths
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
