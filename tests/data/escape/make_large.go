package main

func main() {
	a := make([]byte, 65536)
	b := make([]byte, 65537)
	c := make([]int, 8192)
	d := make([]int, 8193)
	println(len(a), len(b), len(c), len(d))
}
