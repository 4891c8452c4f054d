package main

type Node struct {
	next *Node
	val  int
}

func main() {
	nodes := make([]Node, 3)
	ptrs := make([]*Node, 3)
	for i := 0; i < 3; i++ {
		ptrs[i] = &nodes[i]
	}
	println(ptrs[2] == &nodes[2])
}
