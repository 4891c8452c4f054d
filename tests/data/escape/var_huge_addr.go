package main

func main() {
	var a [20000000]byte
	a[5] = 7
	p := &a
	println(p[5])
}
