#pragma once

#include <string>
#include <vector>

namespace sigap::cli {

int RunValidate(const std::vector<std::string>& args);
int RunPlay(const std::vector<std::string>& args);
int RunDebrief(const std::vector<std::string>& args);
int RunExplore(const std::vector<std::string>& args);
int RunBooklet(const std::vector<std::string>& args);
int RunRoom(const std::vector<std::string>& args);
int RunRooms(const std::vector<std::string>& args);

}  // namespace sigap::cli
