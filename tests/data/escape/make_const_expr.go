package main

const N = 16

func main() {
	a := make([]byte, 64*1024+1)
	b := make([]int, N)
	c := make([]int, 1<<4)
	println(len(a), len(b), len(c))
}
