package main

func main() {
	n := 0
	inc := func() {
		n++
	}
	inc()
	inc()
	println(n)
}
