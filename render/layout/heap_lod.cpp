#include "render/layout/heap_lod.hpp"

#include <algorithm>
#include <map>

#include "core/sim/simulation.hpp"
#include "render/layout/heap_layout.hpp"

namespace tricolor::render {

static_assert(kAggregateAbove == HeapLayout::kMaxPlaced,
              "Auto aggregates exactly when the graph cannot hold every box");

const char* graphDetailName(GraphDetail d) {
  switch (d) {
    case GraphDetail::Auto: return "auto";
    case GraphDetail::Full: return "full";
    case GraphDetail::Aggregated: return "aggregated";
  }
  return "auto";
}

bool parseGraphDetail(const std::string& s, GraphDetail& out) {
  for (GraphDetail d : {GraphDetail::Auto, GraphDetail::Full, GraphDetail::Aggregated})
    if (s == graphDetailName(d)) {
      out = d;
      return true;
    }
  return false;
}

HeapSummary summarizeByType(const Simulation& sim) {
  const State& st = sim.state();
  const World& w = st.world;
  const Program& P = sim.program();
  HeapSummary out;
  std::vector<TypeGroup> byType(P.types.size());
  for (TypeId t = 0; t < P.types.size(); ++t) byType[t] = {t, P.types[t].name, P.types[t].size, 0, 0, 0};
  for (ObjectId id = 1; id < w.objects.size(); ++id) {
    const Object& o = w.objects[id];
    if (o.state != ObjState::Heap || o.type >= byType.size()) continue;
    TypeGroup& g = byType[o.type];
    switch (colourOf(w, st.heap, id)) {
      case Colour::White: ++g.white; break;
      case Colour::Grey: ++g.grey; break;
      case Colour::Black: ++g.black; break;
      default: continue;
    }
    ++out.live;
  }
  for (TypeGroup& g : byType)
    if (g.total()) out.groups.push_back(std::move(g));
  std::stable_sort(out.groups.begin(), out.groups.end(),
                   [](const TypeGroup& a, const TypeGroup& b) { return a.total() > b.total(); });
  return out;
}

Neighbourhood neighbourhood(const Simulation& sim, ObjectId centre, int depth, std::size_t perColumn) {
  using M = GraphMetrics;
  const World& w = sim.state().world;
  const Program& P = sim.program();
  Neighbourhood out;
  if (centre == kNil || centre >= w.objects.size()) return out;
  std::map<ObjectId, int> index;  // object -> node
  auto add = [&](ObjectId id, const std::string& root, int column) {
    out.nodes.push_back({id, root, column, {}});
    if (id != kNil) index[id] = int(out.nodes.size()) - 1;
    return int(out.nodes.size()) - 1;
  };
  add(centre, "", 0);
  // Referents: follow pointer fields outwards.
  std::vector<int> level{0};
  for (int d = 1; d <= depth && !level.empty(); ++d) {
    std::vector<int> next;
    std::size_t inColumn = 0;
    for (int from : level) {
      ObjectId id = out.nodes[std::size_t(from)].id;
      const Object& o = w.objects[id];
      if (o.state != ObjState::Heap && o.state != ObjState::Stack) continue;
      const ObjectId* fields = w.fields(id);
      for (std::uint32_t i = 0; i < P.types[o.type].numPtrs; ++i) {
        ObjectId t = fields[i];
        if (t == kNil || t >= w.objects.size()) continue;
        auto it = index.find(t);
        if (it != index.end()) {
          out.edges.push_back({from, it->second});
          continue;
        }
        if (inColumn == perColumn) {
          ++out.omitted;
          continue;
        }
        ++inColumn;
        int n = add(t, "", d);
        out.edges.push_back({from, n});
        next.push_back(n);
      }
    }
    level = std::move(next);
  }
  // Referrers: who holds a pointer to it (roots end a chain).
  level = {0};
  for (int d = 1; d <= depth && !level.empty(); ++d) {
    std::vector<int> next;
    std::size_t inColumn = 0;
    for (int to : level) {
      for (const Ref& r : sim.referrers(out.nodes[std::size_t(to)].id)) {
        if (r.kind == RefKind::Field) {
          auto it = index.find(r.a);
          if (it != index.end()) {
            if (it->second != to) out.edges.push_back({it->second, to});
            continue;
          }
          if (inColumn == perColumn) {
            ++out.omitted;
            continue;
          }
          ++inColumn;
          int n = add(r.a, "", -d);
          out.edges.push_back({n, to});
          next.push_back(n);
        } else {
          if (inColumn == perColumn) {
            ++out.omitted;
            continue;
          }
          ++inColumn;
          out.edges.push_back({add(kNil, sim.refName(r), -d), to});
        }
      }
    }
    level = std::move(next);
  }
  // Columns 150 apart, boxes stacked from the top, each column centred on the centre box.
  std::map<int, std::vector<int>> columns;
  for (std::size_t i = 0; i < out.nodes.size(); ++i) columns[out.nodes[i].column].push_back(int(i));
  for (auto& [col, members] : columns) {
    float total = 0;
    for (int i : members) {
      const Neighbourhood::Node& n = out.nodes[std::size_t(i)];
      total += (n.id == kNil ? M::kRowH : boxHeight(P.types[w.objects[n.id].type])) + M::kGap;
    }
    float y = boxHeight(P.types[w.objects[centre].type]) / 2 - total / 2;
    for (int i : members) {
      Neighbourhood::Node& n = out.nodes[std::size_t(i)];
      float h = n.id == kNil ? M::kRowH : boxHeight(P.types[w.objects[n.id].type]);
      n.rect = {float(col) * (M::kBoxW + 50), y, M::kBoxW, h};
      y += h + M::kGap;
    }
  }
  return out;
}

}  // namespace tricolor::render
