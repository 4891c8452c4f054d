package main

type Node struct {
	next *Node
	val  int
}

func main() {
	var head *Node
	for i := 0; i < 4; i++ {
		head = &Node{next: head, val: i}
	}
	n := 0
	for p := head; p != nil; p = p.next {
		n++
	}
	println(n)
}
